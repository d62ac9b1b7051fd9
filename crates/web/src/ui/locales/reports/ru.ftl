# The reports area's words (ru).
