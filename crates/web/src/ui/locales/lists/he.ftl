# The lists area's words (he).
