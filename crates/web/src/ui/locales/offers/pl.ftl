# The offers area's words (pl).
