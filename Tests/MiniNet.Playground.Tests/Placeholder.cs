namespace MiniNet.Playground.Tests;
