"""Case vignettes from blueprints: planning a lead-in (`vignette`), drawing a case (`case`),
ruling options out (`ruleout`), writing the stem (`stem`), and the author's `explain` report."""
