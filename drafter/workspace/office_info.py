"""What `drafter init` asks a new office: plain questions, importable without YAML or the model
(the command line builds its parser from them at every start)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class OfficeInfo:
    """What `drafter init` asks for; only the full name is required."""

    name: str = ""
    short_name: str = ""
    city: str = ""
    wenhao_prefix: str = ""
    work: str = ""
    contact_name: str = ""
    contact_phone: str = ""


@dataclass(frozen=True)
class InfoField:
    """One question: the OfficeInfo attribute, its command-line option, Chinese label and example."""

    attr: str
    option: str
    label: str
    example: str
    required: bool = False


INFO_FIELDS = (
    InfoField("name", "--name", "单位全称", "临沂市科学技术局", required=True),
    InfoField("short_name", "--short-name", "单位简称", "市科技局"),
    InfoField("city", "--city", "所在市县（结束语里的“我市”）", "临沂市"),
    InfoField("wenhao_prefix", "--wenhao-prefix", "机关代字（文号前缀）", "临科函字"),
    InfoField("work", "--work", "工作领域（“感谢您对我市科技工作的关心和支持”）", "科技工作"),
    InfoField("contact_name", "--contact-name", "联系人（印在附注里，可不填）", "李明"),
    InfoField("contact_phone", "--contact-phone", "联系电话（可不填）", "0539-8312345"),
)
