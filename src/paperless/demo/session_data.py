"""The demo meeting: a session of the Standing Committee of a fictional provincial Party
Committee ("Tỉnh ủy Vân Sơn"; no real province is called Vân Sơn).

Plain frozen dataclasses so a session.toml can be written from them; document names are
the file names produced by :func:`paperless.demo.documents.write_demo_documents`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

ICT = timezone(timedelta(hours=7), "ICT")  # Indochina Time, Vietnam

PROVINCE = "Vân Sơn"
PARTY_COMMITTEE = f"Tỉnh ủy {PROVINCE}"
CITY = f"thành phố {PROVINCE}"


@dataclass(frozen=True)
class DemoMember:
    name: str
    position: str


@dataclass(frozen=True)
class DemoItem:
    number: int
    title: str
    presenter: str
    documents: tuple[str, ...]
    restricted_to: tuple[str, ...] = ()  # names of the members allowed; empty = everyone
    start: datetime | None = None
    minutes: int = 30


@dataclass(frozen=True)
class DemoSession:
    title: str
    short_title: str
    organisation: str
    start: datetime
    end: datetime
    location: str
    chair: str
    members: tuple[DemoMember, ...]
    clerk: str
    items: tuple[DemoItem, ...]

    @property
    def member_names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members)

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(d for item in self.items for d in item.documents)


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 1, 16, hour, minute, tzinfo=ICT)


MEMBERS = (
    DemoMember("Nguyễn Văn An", "Bí thư Tỉnh ủy"),
    DemoMember("Trần Thị Bình", "Phó Bí thư Thường trực Tỉnh ủy"),
    DemoMember("Lê Hoàng Cường", "Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh"),
)

CLERK = "Văn phòng Tỉnh ủy — Phạm Thu Hà"

DEMO_SESSION = DemoSession(
    title="Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12",
    short_title="BTV phiên 12",
    organisation=PARTY_COMMITTEE,
    start=_at(8, 0),
    end=_at(11, 30),
    location=f"Phòng họp Ban Thường vụ, trụ sở Tỉnh ủy, số 1 đường Trần Hưng Đạo, {CITY}",
    chair="Nguyễn Văn An",
    members=MEMBERS,
    clerk=CLERK,
    items=(
        DemoItem(
            1,
            "Khai mạc; thông qua chương trình hội nghị",
            "Nguyễn Văn An, Bí thư Tỉnh ủy",
            ("agenda.pdf",),
            start=_at(8, 0),
            minutes=10,
        ),
        DemoItem(
            2,
            "Báo cáo kết quả công tác quý IV năm 2024, nhiệm vụ trọng tâm quý I năm 2025",
            "Trần Thị Bình, Phó Bí thư Thường trực Tỉnh ủy",
            ("baocao_quy4.pdf",),
            start=_at(8, 10),
            minutes=40,
        ),
        DemoItem(
            3,
            "Dự thảo Kế hoạch chuyển đổi số trong các cơ quan Đảng giai đoạn 2025–2030",
            "Trần Thị Bình, Phó Bí thư Thường trực Tỉnh ủy",
            ("kehoach_cds.pdf",),
            start=_at(8, 50),
            minutes=40,
        ),
        DemoItem(
            4,
            "Dự thảo Quy hoạch tỉnh Vân Sơn thời kỳ 2021–2030, tầm nhìn đến năm 2050",
            "Lê Hoàng Cường, Chủ tịch Ủy ban nhân dân tỉnh",
            ("quyhoach_dai.pdf",),
            start=_at(9, 30),
            minutes=45,
        ),
        DemoItem(
            5,
            "Công tác chuẩn bị Tết Nguyên đán Ất Tỵ năm 2025",
            "Lê Hoàng Cường, Chủ tịch Ủy ban nhân dân tỉnh",
            ("congvan_scan.pdf",),
            start=_at(10, 15),
            minutes=25,
        ),
        DemoItem(
            6,
            "Đề án nhân sự (tài liệu mật)",
            "Nguyễn Văn An, Bí thư Tỉnh ủy",
            ("nhansu_mat.pdf",),
            restricted_to=("Nguyễn Văn An",),
            start=_at(10, 40),
            minutes=30,
        ),
        DemoItem(
            7,
            "Kết luận hội nghị",
            "Nguyễn Văn An, Bí thư Tỉnh ủy",
            (),
            start=_at(11, 10),
            minutes=20,
        ),
    ),
)
