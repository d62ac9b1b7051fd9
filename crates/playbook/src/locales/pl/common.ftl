# Pronto: nazwy kanałów używane w powiadomieniach (polski).

channel-web = strona www
channel-email = e-mail
channel-phone = telefon
channel-in_person = osobiście
channel-api = API
channel-chat = czat
channel-import = import
