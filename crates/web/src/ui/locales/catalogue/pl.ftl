# The catalogue area's words (pl).
