# The entry area's words (ru).
entry-new-nav = Новый запрос
