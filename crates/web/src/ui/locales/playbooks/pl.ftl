# The playbooks area's words (pl): see crates/web/src/ui/i18n.rs.
playbooks-title = Playbooki
playbooks-hint = Każdy playbook to proces firmy. Nowe zapytania zaczynają na działającej wersji; zapytania w toku zachowują wersję, od której zaczęły.
playbooks-default = domyślny
playbooks-version = Wersja
playbooks-loaded-when = Wczytano
playbooks-loaded-by = Kto
playbooks-running = działa
playbooks-edit = Edytuj
playbooks-open = Otwórz
playbooks-by-pronto = Pronto (przy starcie)
playbooks-valid = Bez problemów: ten tekst można wczytać.
playbooks-problems = { $n ->
    [one] 1 problem: popraw go przed wczytaniem.
    [few] { $n } problemy: popraw je przed wczytaniem.
   *[other] { $n } problemów: popraw je przed wczytaniem.
}
playbooks-loaded = Działa wersja { $v }; nowe zapytania zaczynają na niej.
playbooks-went-back = Powrót do wersji { $v }: jej tekst działa teraz jako wersja { $n }.
playbooks-not-loaded = Nie wczytano: tekst ma problemy (zaznaczone w wierszach). Twój tekst został zachowany.
playbooks-no-such-version = Ten playbook nie ma wersji { $v }.
playbooks-editing-running = Tekst wersji { $v }, która działa.
playbooks-editing-old = Tekst starej wersji { $v } (działa wersja { $n }).
playbooks-line = Wiersz
playbooks-text = Tekst playbooka (TOML)
playbooks-load = Wczytaj jako następną wersję
playbooks-diagram = Diagram
playbooks-changes = Zmiany względem działającej wersji { $v }
playbooks-no-changes = Brak zmian.
playbooks-versions = Wersje
playbooks-go-back = Wróć do tej wersji
