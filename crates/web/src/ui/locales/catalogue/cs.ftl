# The catalogue area's words (cs).
