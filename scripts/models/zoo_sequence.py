"""Sequence models for the zoo: an LSTM keyword spotter, a GRU voice-activity detector whose
hidden state is carried from one call to the next (as streaming audio is processed), and a CRNN
text recognizer (conv features -> bidirectional LSTM -> per-column classes, greedy CTC-style
ArgMax decoding in the graph).
"""

import torch

from zoo_spec import ModelSpec, require_argmax_margin, seeded


class KeywordSpotter(torch.nn.Module):
    """[B, frames, 40 MFCC] -> 2-layer LSTM -> last frame -> 12 keyword logits."""

    def __init__(self, features=40, hidden=64, keywords=12):
        super().__init__()
        self.lstm = torch.nn.LSTM(features, hidden, num_layers=2, batch_first=True)
        self.out = torch.nn.Linear(hidden, keywords)

    def forward(self, mfcc):
        y, _ = self.lstm(mfcc)
        return self.out(y[:, -1])


class VoiceActivity(torch.nn.Module):
    """One chunk of frames and the GRU state in; per-frame speech probability and the new state
    out. The caller feeds `state_out` back as `state` with the next chunk."""

    def __init__(self, features=40, hidden=32):
        super().__init__()
        self.gru = torch.nn.GRU(features, hidden, batch_first=True)
        self.out = torch.nn.Linear(hidden, 1)

    def forward(self, frames, state):
        y, state_out = self.gru(frames, state)
        return torch.sigmoid(self.out(y)).squeeze(-1), state_out


class Crnn(torch.nn.Module):
    """[1, 1, 32, W] grayscale text line -> conv (height to 1) -> BiLSTM over columns ->
    per-column class logits [W/4, 1, 37] and greedy labels (ArgMax) [W/4, 1]."""

    def __init__(self, classes=37, hidden=48):
        super().__init__()
        def block(cin, cout, pool):
            return torch.nn.Sequential(torch.nn.Conv2d(cin, cout, 3, 1, 1), torch.nn.ReLU(),
                                       torch.nn.MaxPool2d(pool))
        self.conv = torch.nn.Sequential(block(1, 16, 2), block(16, 32, 2), block(32, 48, (2, 1)),
                                        block(48, 64, (4, 1)))
        self.rnn = torch.nn.LSTM(64, hidden, bidirectional=True)
        self.out = torch.nn.Linear(2 * hidden, classes)

    def forward(self, image):
        f = self.conv(image).squeeze(2).permute(2, 0, 1)  # [W', B, C]
        y, _ = self.rnn(f)
        logits = self.out(y).log_softmax(-1)
        return logits, logits.argmax(-1)


def _seeded_eval(module_type):
    def build():
        torch.manual_seed(0)
        return module_type().eval()

    return build


def _kws_cases():
    gen = seeded(31)
    return [{"mfcc": torch.randn(2, 49, 40, generator=gen)},
            {"mfcc": torch.randn(1, 20, 40, generator=gen)}]


def _vad_cases():
    """Three consecutive chunks; the first starts from a zero state, the others from the state
    PyTorch returned for the previous chunk (model_check feeds onyx its own carried state)."""
    model = _seeded_eval(VoiceActivity)()
    gen = seeded(32)
    state, cases = torch.zeros(1, 1, 32), []
    for frames in (10, 10, 7):
        x = torch.randn(1, frames, 40, generator=gen)
        cases.append({"frames": x, "state": state})
        with torch.no_grad():
            state = model(x, state)[1]
    return cases


def _crnn_cases():
    return [{"image": torch.rand(1, 1, 32, 128, generator=seeded(33))}]


def _crnn_margin(inputs):
    model = _seeded_eval(Crnn)()
    with torch.no_grad():
        logits, _ = model(inputs["image"])
    require_argmax_margin(logits, -1, 1e-4, "crnn greedy decoding")


SPECS = {
    "kws_lstm": ModelSpec(
        build=_seeded_eval(KeywordSpotter), cases=_kws_cases, input_names=["mfcc"],
        output_names=["logits"], dynamic_axes={"mfcc": {0: "batch", 1: "frames"},
                                               "logits": {0: "batch"}},
        fp16_atol=5e-2, ops_of_interest=["LSTM", "Gather", "Gemm"]),
    "vad_gru": ModelSpec(
        build=_seeded_eval(VoiceActivity), cases=_vad_cases, input_names=["frames", "state"],
        output_names=["speech", "state_out"], carry={"state_out": "state"},
        dynamic_axes={"frames": {1: "frames"}, "speech": {1: "frames"}},
        ops_of_interest=["GRU", "Sigmoid"]),
    "crnn": ModelSpec(
        build=_seeded_eval(Crnn), cases=_crnn_cases, input_names=["image"],
        output_names=["logits", "labels"], check_margin=_crnn_margin,
        ops_of_interest=["Conv", "MaxPool", "LSTM", "LogSoftmax", "ArgMax"]),
}
