# The notify area's words (ru).
notify-nav = Уведомления
