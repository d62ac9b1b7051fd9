# The flow area's words (pl).
