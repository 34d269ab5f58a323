"""make bench: seed a million submissions, serve the app as in production, measure it."""
