# The flow area's words (ru).
