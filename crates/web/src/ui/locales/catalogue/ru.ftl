# The catalogue area's words (ru).
