# The lists area's words (ru).
