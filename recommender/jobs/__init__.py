"""Jobs above the finder: retraining a catalog's preference model from its events, and simulated shoppers."""
