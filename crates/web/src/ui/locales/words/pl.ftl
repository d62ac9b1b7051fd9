# The words area's words (pl).
