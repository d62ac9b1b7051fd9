# The lists area's words (en).
