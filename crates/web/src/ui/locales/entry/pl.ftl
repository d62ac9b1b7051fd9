# The entry area's words (pl).
entry-new-nav = Nowe zapytanie
