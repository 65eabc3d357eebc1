"""The letterhead: the document's full title, and the office's contact from config.toml."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from model.core.errors import InputError
from model.core.settings import OfficeContact, load_settings
from model.reports.letterhead import letterhead

TITLE = (
    "蒲县人民政府办公室关于印发我县2023年空气质量提升、水环境质量再提升和土壤、"
    "地下水污染防治行动计划的通知"
)


def config(text: str) -> Path:
    path = Path(os.environ["DUBAN_CONFIG"])
    path.write_text(text, encoding="utf-8")
    return path


def test_the_letterhead_cites_the_document_in_full(seeded):
    with seeded.read() as session:
        head = letterhead(session, 2023)
    assert (head.region, head.document, head.document_title) == (
        "蒲县",
        "蒲政办发〔2023〕23号",
        TITLE,
    )
    assert head.office == "蒲县地下水污染防治协同防治工作领导小组办公室"
    assert head.contact == OfficeContact()  # no config file: no contact line


def test_the_contact_comes_from_the_settings(seeded):
    config('[office]\ncontact = " 王主任 "\nphone = "0357-5522123"\n')
    assert load_settings().office == OfficeContact("王主任", "0357-5522123")
    with seeded.read() as session:
        assert letterhead(session, 2023).contact == OfficeContact("王主任", "0357-5522123")
        given = OfficeContact(phone="13812345678")
        assert letterhead(session, 2023, given).contact == given


@pytest.mark.parametrize(
    "phone",
    ["0357-5522123", "(0357)5522123", "13812345678", "0357-5522123、13812345678", "5522123转8001"],
)
def test_telephone_numbers_as_offices_write_them(phone):
    config(f'[office]\nphone = "{phone}"\n')
    assert load_settings().office.phone == phone


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[office]\ncontact = ""\n', "office.contact"),
        ('[office]\ncontact = "' + "长" * 41 + '"\n', "office.contact"),
        ("[office]\nphone = 13812345678\n", "office.phone"),
        ('[office]\nphone = "电话待定"\n', "office.phone"),
        ('[office]\nphone = "123"\n', "office.phone"),
        ('[office]\nfax = "0357-1"\n', "office.fax"),
        ('[offices]\ncontact = "王"\n', "offices"),
    ],
)
def test_bad_office_settings_are_refused_by_key(text, key):
    config(text)
    with pytest.raises(InputError, match=key.replace(".", r"\.")):
        load_settings()
