# The entry area's words (he).
entry-new-nav = פנייה חדשה
