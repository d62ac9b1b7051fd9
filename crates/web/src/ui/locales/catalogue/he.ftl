# The catalogue area's words (he).
