"""A name that fits, with room for the files written beside it (#13 review): the limit is
said in terms of the name typed, and an unsigned export of a long name is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports import strings
from exports.files import NAME_BYTES, check_name_length, check_output_path
from exports.service import ExportRequest, companions, run_export
from model.core.errors import InputError
from model.core.lights import LightRules
from model.scoring.rubric import default_rubric
from tests.conftest import AS_OF

LONG = "长" * 83 + ".xlsx"  # 254 bytes: fits alone, not with its manifest beside it


def test_the_name_alone_fits():
    assert len(LONG.encode()) == 254 < NAME_BYTES
    check_name_length(Path("/tmp") / LONG)
    with pytest.raises(InputError, match=r"最多 255 字节，约 85 个汉字）"):
        check_name_length(Path("/tmp") / ("长" * 86 + ".md"))


def test_signed_the_limit_leaves_room_for_the_manifest(tmp_path):
    target = tmp_path / LONG
    with pytest.raises(InputError) as refused:
        check_output_path(
            target, force=False, companions=companions(target, signed=True, detail=False)
        )
    message = str(refused.value)
    assert "最多 242 字节，约 80 个汉字" in message  # 255 less ".sig.toml.new"
    assert "签名清单的临时文件 .sig.toml.new 还需 13 字节" in message
    assert message.startswith("输出文件名过长")


def test_the_detail_file_needs_room_too(tmp_path):
    name = "长" * 82 + ".csv"  # 250 bytes: the detail file adds "_明细" (7 bytes)
    check_name_length(tmp_path / name, companions(tmp_path / name, signed=False, detail=False))
    with pytest.raises(InputError, match="明细文件 _明细 还需 7 字节"):
        check_name_length(tmp_path / name, companions(tmp_path / name, signed=False, detail=True))


@pytest.mark.parametrize("unsigned", [True, False])
def test_a_long_name_is_written_unsigned_and_refused_signed(seeded, tmp_path, unsigned):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / LONG
    request = ExportRequest(kind="progress", fmt="xlsx", as_of=AS_OF, year=AS_OF.year)

    def export() -> None:
        run_export(
            seeded,
            request,
            target,
            rules=LightRules(),
            rubric=default_rubric(),
            unsigned=unsigned,
        )

    if unsigned:
        export()  # the stale manifest it looks for cannot exist: no error
        assert [p.name for p in folder.iterdir()] == [LONG]
    else:
        with pytest.raises(InputError, match=strings.COMPANION_STAGED):
            export()
        assert not list(folder.iterdir())
