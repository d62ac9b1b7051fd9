# The entry area's words (cs).
entry-new-nav = Nová poptávka
