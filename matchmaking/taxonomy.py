"""The fixed vocabularies: the sector taxonomy of sectors.csv and the transfer modes."""

import csv
from pathlib import Path

SECTORS_CSV = Path(__file__).resolve().parent / "data" / "sectors.csv"

TRANSFER_MODES = [
    # code, Vietnamese, English (codes fixed by the exchange format)
    ("licence", "Cấp phép (li-xăng)", "Licence"),
    ("equipment_supply", "Cung cấp thiết bị", "Equipment supply"),
    ("turnkey", "Chìa khóa trao tay", "Turnkey"),
    ("joint_venture", "Liên doanh", "Joint venture"),
    ("rnd_cooperation", "Hợp tác nghiên cứu & phát triển", "R&D cooperation"),
    ("technical_assistance", "Hỗ trợ kỹ thuật", "Technical assistance"),
    ("training", "Đào tạo", "Training"),
    ("other", "Hình thức khác", "Other"),
]


def read_sectors(path: Path = SECTORS_CSV) -> list[dict[str, str]]:
    """Rows of the taxonomy, parents before their children as in the file."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]


def load_vocabularies(sector_model, mode_model) -> None:
    """Create or update every sector and transfer mode (used by the data migration)."""
    for position, row in enumerate(read_sectors()):
        sector_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "parent_id": row["parent"] or None,
                "name_vi": row["name_vi"],
                "name_en": row["name_en"],
                "position": position,
            },
        )
    for position, (code, name_vi, name_en) in enumerate(TRANSFER_MODES):
        mode_model.objects.update_or_create(
            code=code, defaults={"name_vi": name_vi, "name_en": name_en, "position": position}
        )
