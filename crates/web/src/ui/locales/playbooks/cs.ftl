# The playbooks area's words (cs): see crates/web/src/ui/i18n.rs.
playbooks-title = Playbooky
playbooks-hint = Každý playbook je postup firmy. Nové poptávky začínají na běžící verzi; rozpracované poptávky si nechávají verzi, se kterou začaly.
playbooks-default = výchozí
playbooks-version = Verze
playbooks-loaded-when = Nahráno
playbooks-loaded-by = Kdo
playbooks-running = běží
playbooks-edit = Upravit
playbooks-open = Otevřít
playbooks-by-pronto = Pronto (při startu)
playbooks-valid = Bez problémů: text lze nahrát.
playbooks-problems = { $n ->
    [one] 1 problém: opravte ho před nahráním.
    [few] { $n } problémy: opravte je před nahráním.
   *[other] { $n } problémů: opravte je před nahráním.
}
playbooks-loaded = Běží verze { $v }; nové poptávky začínají na ní.
playbooks-went-back = Zpět na verzi { $v }: její text teď běží jako verze { $n }.
playbooks-not-loaded = Nenahráno: text má problémy (vyznačené na řádcích). Váš text zůstal.
playbooks-no-such-version = Tento playbook nemá verzi { $v }.
playbooks-editing-running = Text verze { $v }, která běží.
playbooks-editing-old = Text staré verze { $v } (běží verze { $n }).
playbooks-line = Řádek
playbooks-text = Text playbooku (TOML)
playbooks-load = Nahrát jako další verzi
playbooks-diagram = Diagram
playbooks-changes = Změny oproti běžící verzi { $v }
playbooks-no-changes = Žádné změny.
playbooks-versions = Verze
playbooks-go-back = Vrátit se k této verzi
