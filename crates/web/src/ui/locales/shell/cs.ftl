# The shell area's words (cs): the frame of every page, error pages.
shell-skip = Přeskočit na obsah
shell-tabs = Zkratky
shell-tab-tasks = Úkoly
shell-tab-new = Nová
shell-more = Více
shell-cross-site = Tuto změnu poslal jiný web, proto byla odmítnuta a nic se nezměnilo. Pokud jste to byli vy, otevřete stránku v Prontu a zkuste to znovu.
shell-bad-request = Tuto adresu nebo formulář nelze přečíst, proto se nic nezměnilo. Vraťte se, obnovte stránku a zkuste to znovu.
shell-admin-menu = Na této stránce
# A file picker in the reader's language (not the browser's).
shell-file-choose = Vybrat soubor
shell-file-none = Zatím není vybrán žádný soubor
