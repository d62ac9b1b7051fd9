# The offers area's words (ru).
