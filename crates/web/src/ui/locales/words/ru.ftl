# The words area's words (ru).
