# The entry area's words (ru).
