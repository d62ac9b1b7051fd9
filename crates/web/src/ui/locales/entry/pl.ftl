# The entry area's words (pl).
