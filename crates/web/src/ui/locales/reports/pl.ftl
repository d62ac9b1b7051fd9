# The reports area's words (pl).
