"""Exports mc_cnn.pt, the TorchScript fixture of TorchScriptClassifierTest, with Debian's python3-torch.

    sudo apt-get install python3-torch      # torch 1.13; libtorch 2.7.1 in DJL loads its output
    /usr/bin/python3 export_mc_cnn.py       # in this directory; the output is committed

The module follows Quarry's TorchScript contract:
  forward(x)   standardized images (n, 1, 28, 28) -> logits (n, 10)
  set_mc(b)    MC dropout on/off without touching BatchNorm (F.dropout(h, p, self.training or self.mc))
  embed(x)     the penultimate features (n, 32)
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class McCnn(nn.Module):
    mc: bool

    def __init__(self, classes: int = 10, p: float = 0.5):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(16)
        self.fc1 = nn.Linear(16 * 7 * 7, 32)
        self.fc2 = nn.Linear(32, classes)
        self.p = p
        self.mc = False

    @torch.jit.export
    def set_mc(self, enabled: bool) -> None:
        self.mc = enabled

    @torch.jit.export
    def embed(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        return F.relu(self.fc1(torch.flatten(x, 1)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = F.dropout(self.embed(x), self.p, self.training or self.mc)
        return self.fc2(h)


torch.manual_seed(0)
module = torch.jit.script(McCnn())
module.eval()
module.save("mc_cnn.pt")
