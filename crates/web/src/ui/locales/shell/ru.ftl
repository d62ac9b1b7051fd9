# The shell area's words (ru).
