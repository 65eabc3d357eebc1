"""`duban rubric explain [FILE]`: the rubric written out as the 考核细则."""

from __future__ import annotations

from model.scoring.rubric import default_rubric_text
from tests.conftest import run_cli as run


def test_rubric_explain_prints_the_rules_of_the_users_rubric(capsys):
    code, out, err = run(capsys, "rubric", "explain")
    assert code == 0, err
    assert out.startswith("环境行动计划年度目标责任考核细则\n")
    assert "\n一、总则\n（一）" in out and "\n十一、附则\n" in out
    assert "表：等次划分" in out and "  优秀    90 分及以上" in out


def test_rubric_explain_a_file(capsys, tmp_path):
    edited = tmp_path / "rubric.toml"
    text = default_rubric_text().replace("late_per_month = 0.2", "late_per_month = 0.1")
    edited.write_text(text.replace("min = 90.0", "min = 88.0"), encoding="utf-8")
    code, out, err = run(capsys, "rubric", "explain", str(edited))
    assert code == 0, err
    assert "减少分值的 10%" in out and "优秀    88 分及以上" in out


def test_rubric_explain_refuses_a_broken_file(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[weights]\nlead = -1\n", encoding="utf-8")
    code, out, err = run(capsys, "rubric", "explain", str(bad))
    assert code == 2 and out == "" and str(bad) in err
