# The lists area's words (pl).
