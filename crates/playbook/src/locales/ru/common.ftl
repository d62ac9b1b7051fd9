# Pronto: названия каналов в уведомлениях (русский).

channel-web = сайт
channel-email = e-mail
channel-phone = телефон
channel-in_person = лично
channel-api = API
channel-chat = чат
channel-import = импорт
