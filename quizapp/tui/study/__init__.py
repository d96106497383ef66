"""Study: the card-by-card review session, its widgets, and custom study (cram) set-up."""
