# The shell area's words (pl).
