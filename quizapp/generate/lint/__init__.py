"""The item-writing checklist (`checklist`: options, stem, bank-level checks) and the
independent re-derivation of every option's proof from the deck (`proof_check`)."""
