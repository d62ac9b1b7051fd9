# The shell area's words (pl): the frame of every page, error pages.
shell-skip = Przejdź do treści
shell-tabs = Skróty
shell-tab-tasks = Zadania
shell-tab-new = Nowe
shell-more = Więcej
shell-cross-site = Tę zmianę wysłała inna strona internetowa, więc została odrzucona i nic nie zmieniono. Jeśli to Ty, otwórz stronę w Pronto i spróbuj ponownie.
shell-bad-request = Nie udało się odczytać tego adresu ani formularza, więc nic nie zmieniono. Wróć, odśwież stronę i spróbuj ponownie.
shell-admin-menu = Na tej stronie
# A file picker in the reader's language (not the browser's).
shell-file-choose = Wybierz plik
shell-file-none = Nie wybrano jeszcze pliku
