# The catalogue area's words (en).
