"""Transformer models for the zoo: a BERT-style encoder, a GPT-style decoder and ViT-B/16.

The encoder and decoder write attention out as MatMul/Softmax (as most exported transformers
are), with LayerNorm and the erf form of GELU, so their graphs carry the ops real exports do:
Gather (embeddings), LayerNormalization, Erf, MatMul, Softmax, and, for the decoder's causal
mask built inside the graph, Range, Trilu, Where, Expand and Cast.
"""

import math

import torch
import torchvision

from zoo_spec import ModelSpec, seeded


class SelfAttention(torch.nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads, self.head_dim = heads, hidden // heads
        self.qkv = torch.nn.Linear(hidden, 3 * hidden)
        self.proj = torch.nn.Linear(hidden, hidden)

    def forward(self, x, additive_mask):
        b, t, h = x.shape
        q, k, v = self.qkv(x).split(h, dim=-1)
        shape = (b, t, self.heads, self.head_dim)
        q, k, v = (y.reshape(shape).transpose(1, 2) for y in (q, k, v))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.head_dim) + additive_mask
        y = torch.softmax(scores, dim=-1) @ v
        return self.proj(y.transpose(1, 2).reshape(b, t, h))


class Block(torch.nn.Module):
    """Post-norm (BERT) or pre-norm (GPT) transformer block with an erf-GELU MLP."""

    def __init__(self, hidden, heads, pre_norm):
        super().__init__()
        self.pre_norm = pre_norm
        self.attn = SelfAttention(hidden, heads)
        self.norm1, self.norm2 = torch.nn.LayerNorm(hidden), torch.nn.LayerNorm(hidden)
        self.mlp = torch.nn.Sequential(torch.nn.Linear(hidden, 4 * hidden), torch.nn.GELU(),
                                       torch.nn.Linear(4 * hidden, hidden))

    def forward(self, x, mask):
        if self.pre_norm:
            x = x + self.attn(self.norm1(x), mask)
            return x + self.mlp(self.norm2(x))
        x = self.norm1(x + self.attn(x, mask))
        return self.norm2(x + self.mlp(x))


class BertEncoder(torch.nn.Module):
    def __init__(self, vocab=1000, hidden=128, heads=4, layers=2, max_len=64):
        super().__init__()
        self.tokens = torch.nn.Embedding(vocab, hidden)
        self.positions = torch.nn.Embedding(max_len, hidden)
        self.norm = torch.nn.LayerNorm(hidden)
        self.blocks = torch.nn.ModuleList(Block(hidden, heads, False) for _ in range(layers))

    def forward(self, input_ids, attention_mask):
        t = input_ids.shape[1]
        x = self.norm(self.tokens(input_ids) + self.positions.weight[:t])
        # [B, T] 1 = token, 0 = padding  ->  additive [B, 1, 1, T]
        mask = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * -10000.0
        for block in self.blocks:
            x = block(x, mask)
        return x


class GptDecoder(torch.nn.Module):
    def __init__(self, vocab=1000, hidden=128, heads=4, layers=2, max_len=64):
        super().__init__()
        self.tokens = torch.nn.Embedding(vocab, hidden)
        self.positions = torch.nn.Embedding(max_len, hidden)
        self.blocks = torch.nn.ModuleList(Block(hidden, heads, True) for _ in range(layers))
        self.norm = torch.nn.LayerNorm(hidden)
        self.head = torch.nn.Linear(hidden, vocab, bias=False)

    def forward(self, input_ids):
        t = input_ids.shape[1]
        pos = torch.arange(t, dtype=torch.int64)
        x = self.tokens(input_ids) + self.positions(pos)
        future = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
        mask = torch.where(future, torch.tensor(-1e9), torch.tensor(0.0))
        mask = mask.expand(input_ids.shape[0], 1, t, t)
        for block in self.blocks:
            x = block(x, mask)
        return self.head(self.norm(x))


def _seeded_eval(module_type, seed=0, **kwargs):
    def build():
        torch.manual_seed(seed)
        return module_type(**kwargs).eval()

    return build


def _bert_cases():
    gen = seeded(11)
    ids = torch.randint(0, 1000, (2, 32), generator=gen)
    mask = torch.ones(2, 32, dtype=torch.int64)
    mask[1, 20:] = 0  # second sequence padded after 20 tokens
    return [{"input_ids": ids, "attention_mask": mask}]


def _gpt_cases():
    gen = seeded(12)
    return [{"input_ids": torch.randint(0, 1000, (1, t), generator=gen)} for t in (16, 7)]


def _vit_build():
    torch.manual_seed(0)
    model = torchvision.models.vit_b_16(weights=None)
    # torchvision zero-initialises the classification head: all logits would be 0 and the check
    # could not fail. Give it seeded random weights (logits of scale ~0.5).
    torch.nn.init.normal_(model.heads.head.weight, std=0.02)
    torch.nn.init.normal_(model.heads.head.bias, std=0.02)
    return model.eval()


def _vit_cases():
    return [{"input": torch.randn(1, 3, 224, 224, generator=seeded(13))}]


SPECS = {
    "bert_encoder": ModelSpec(
        build=_seeded_eval(BertEncoder), cases=_bert_cases,
        input_names=["input_ids", "attention_mask"], output_names=["hidden"],
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                      "hidden": {0: "batch", 1: "seq"}},
        fp16_atol=5e-2, qdyn_atol=1e-5,
        ops_of_interest=["Gather", "LayerNormalization", "Erf", "MatMul", "Softmax"]),
    "gpt_decoder": ModelSpec(
        build=_seeded_eval(GptDecoder), cases=_gpt_cases,
        input_names=["input_ids"], output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "logits": {0: "batch", 1: "seq"}},
        fp16_atol=5e-2, qdyn_atol=1e-5,
        ops_of_interest=["Range", "Trilu", "Where", "Expand", "Cast", "LayerNormalization"]),
    "vit_b_16": ModelSpec(
        build=_vit_build, cases=_vit_cases, input_names=["input"], output_names=["logits"],
        atol=1e-4, note="12 layers of 768-wide attention; float32 summation order",
        ops_of_interest=["Conv", "LayerNormalization", "MatMul", "Softmax", "Erf"]),
}
