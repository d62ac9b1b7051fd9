# The notify area's words (pl).
