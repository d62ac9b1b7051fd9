# The lists area's words (cs).
