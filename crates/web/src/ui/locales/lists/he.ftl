# The lists area's words (he).
lists-late-nav = באיחור עכשיו
