"""Scans sort the formatted "field(value)" strings rather than the fields: 'a b(1)' comes before
'a(2)' because ' ' sorts before '('."""

EXPECT = "test_scan_sorts_by_field_not_by_the_formatted_entry"
PATCH = [
    ('        return [f"{field}({live[field]})" for field in sorted(live) if field.startswith(prefix)]',
     '        return sorted(f"{field}({live[field]})" for field in live if field.startswith(prefix))'),
]
SAYS = ["Sort the fields, then format them"]
