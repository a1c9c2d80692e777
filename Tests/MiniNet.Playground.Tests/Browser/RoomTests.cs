using System.Text.RegularExpressions;

namespace MiniNet.Playground.Tests.Browser;

/// <summary>
/// The playground in front of a class (issue 23's findings, each a test that failed on ae3f041): no setting breaks the page,
/// points read on any background, the classifier fits a projector's screen and a phone's width, the chain rule's punchline
/// shows, the race and the charts say what they show, backprop by hand reads like arithmetic, and the address holds the run.
/// </summary>
public sealed class RoomTests : PlaygroundPageTest
{
    /// <summary>Finding 1. The controls walked through their edge values and the combinations that used to crash (Nesterov at
    /// momentum 0, chosen in either order or as the second racer): the error bar never appears, a conflict is explained beside
    /// its control, and the dropdowns, the legend and the network that trains always agree.</summary>
    [Test]
    public async Task EdgeValuesAndCombinations_NeverShowTheErrorBar_AndThePageAgreesWithItsControls()
    {
        await OpenAsync();

        await Page.Locator("#momentum").FillAsync("0");
        await Page.Locator("#momentum").PressAsync("Tab");
        await Page.Locator("#optimizer").SelectOptionAsync("Nesterov");
        await Expect(Page.Locator("#momentum-conflict")).ToContainTextAsync("Nesterov needs a momentum above 0");
        await Expect(Page.Locator("#play")).ToBeDisabledAsync();
        await ExpectNoErrorBarAsync();

        await Page.Locator("#momentum").FillAsync("0.5");
        await Page.Locator("#momentum").PressAsync("Tab");
        await Expect(Page.Locator("#momentum-conflict")).ToHaveCountAsync(0);
        await Page.Locator("#step").ClickAsync();
        await Expect(Page.Locator("#step-count")).ToHaveTextAsync("1");
        await Expect(Page.Locator("#classifier .legend")).ToContainTextAsync("train loss, Nesterov");

        // The other order: momentum 0 typed with Nesterov already chosen.
        await Page.Locator("#momentum").FillAsync("0");
        await Page.Locator("#momentum").PressAsync("Tab");
        await Expect(Page.Locator("#momentum-conflict")).ToBeVisibleAsync();
        await ExpectNoErrorBarAsync();

        // SGD at momentum 0 racing Nesterov: the second racer's momentum is the one explained.
        await Page.Locator("#optimizer").SelectOptionAsync("Sgd");
        await Page.Locator("#race").CheckAsync();
        await Page.Locator("#race-momentum").FillAsync("0");
        await Page.Locator("#race-momentum").PressAsync("Tab");
        await Page.Locator("#race-optimizer").SelectOptionAsync("Nesterov");
        await Expect(Page.Locator("#race-momentum-conflict")).ToBeVisibleAsync();
        await Expect(Page.Locator("#step")).ToBeDisabledAsync();
        await Page.Locator("#race-momentum").FillAsync("0.9");
        await Page.Locator("#race-momentum").PressAsync("Tab");
        await Page.Locator("#step").ClickAsync();
        await Expect(Page.Locator("#race-boundary .boundary-title")).ToHaveTextAsync("Nesterov, m 0.9");
        await Expect(Page.Locator("#boundary .boundary-title")).ToHaveTextAsync("SGD");
        await Expect(Page.Locator("#classifier .legend")).ToContainTextAsync("train loss, Nesterov");
        await Page.Locator("#race").UncheckAsync();

        // Edge values of every other control, each followed by a step and a few played frames.
        foreach (var shape in new[] { "Xor", "Circles", "Gaussians", "Spiral", "Plane", "MultiGaussian" })
        {
            await Page.Locator("#dataset").SelectOptionAsync(shape);
            await TrainBrieflyAsync();
        }
        foreach (var (selector, value) in new[]
                 {
                     ("#width-0", "0"), ("#width-0", "99"), ("#batch-size", "0"), ("#batch-size", "1000"), ("#seed", "-2147483648"),
                     ("#momentum", "5"), ("#momentum", "-1"),
                 })
        {
            await Page.Locator(selector).FillAsync(value);
            await Page.Locator(selector).PressAsync("Tab");
            await TrainBrieflyAsync();
        }
        foreach (var (selector, value) in new[] { ("#learning-rate", "10"), ("#l1", "10"), ("#l2", "10"), ("#learning-rate", "0.00001") })
        {
            await Page.Locator(selector).SelectOptionAsync(value);
            await TrainBrieflyAsync();
        }
        await Page.Locator("#feature-X").UncheckAsync();
        await Expect(Page.Locator("#feature-Y")).ToBeDisabledAsync(); // the last input feature stays: a network needs an input
        await Expect(Page.Locator("#feature-Y")).ToBeCheckedAsync();
        while (await Page.Locator("#remove-layer").IsEnabledAsync()) await Page.Locator("#remove-layer").ClickAsync();
        await TrainBrieflyAsync();
        while (await Page.Locator("#add-layer").IsEnabledAsync()) await Page.Locator("#add-layer").ClickAsync();
        await TrainBrieflyAsync();
    }

    /// <summary>Finding 2. Training points carry a dark edge that shows on a heat map of their own colour; test points are
    /// white-centred rings, so the two never look alike.</summary>
    [Test]
    public async Task TrainingAndTestPoints_AreToldApartOnAnyBackground()
    {
        await OpenAsync();
        await Page.Locator("#show-test").CheckAsync();

        var train = await StyleAsync("#boundary circle.point.train.class-1");
        var test = await StyleAsync("#boundary circle.point.test.class-1");

        Assert.That(train.Stroke, Is.Not.EqualTo("rgb(255, 255, 255)"), "a white edge on a blue dot over blue reads as a ring");
        Assert.That(Luminance(train.Stroke), Is.LessThan(0.1), "a dark edge shows on orange, white and blue alike");
        Assert.That(test.Fill, Is.EqualTo("rgb(255, 255, 255)"), "test points have a white centre");
        Assert.That(train.Fill, Is.Not.EqualTo(test.Fill));
        double width = await Page.Locator("#boundary circle.point.train").First.EvaluateAsync<double>(
            "e => e instanceof SVGCircleElement ? e.getBoundingClientRect().width : -1");
        Assert.That(width, Is.GreaterThan(0), "the points (a component of their own inside the boundary's svg) are drawn SVG circles");
    }

    /// <summary>Finding 3. On a projector's 1024 × 768, one click on the view bar shows the classifier with its controls,
    /// network, boundary and loss chart on one screen; the Step view has its own Step button; on a wide screen the boundary
    /// is larger than the old fixed 300 px.</summary>
    [Test]
    public async Task AtAProjectors1024x768_TheClassifierFitsOneScreen_AndEachViewIsOneClickAway()
    {
        await Page.SetViewportSizeAsync(1024, 768);
        await OpenAsync("?data=circles&seed=3");

        await Page.Locator("nav.view-links a", new() { HasText = "Classifier" }).ClickAsync();
        foreach (var selector in new[] { "#classifier .controls", "#play", "#network", "#boundary", "#loss-chart" })
        {
            var box = await Page.Locator(selector).BoundingBoxAsync();
            Assert.That(box, Is.Not.Null, selector);
            Assert.That(box!.Y, Is.GreaterThanOrEqualTo(0), $"{selector} starts above the window");
            Assert.That(box.Y + box.Height, Is.LessThanOrEqualTo(768), $"{selector} ends below the window");
            Assert.That(box.X + box.Width, Is.LessThanOrEqualTo(1024), $"{selector} ends right of the window");
        }
        await ScreenshotAsync("classifier-1024x768", fullPage: false);

        await Page.Locator("nav.view-links a", new() { HasText = "Step view" }).ClickAsync();
        var stepView = await Page.Locator("#step-view").BoundingBoxAsync();
        Assert.That(stepView!.Y, Is.InRange(0, 120), "the step view's top is at the top of the window");
        await Page.Locator("#step-view-step").ClickAsync();
        await Page.Locator("#tape-graph .tape-node").First.WaitForAsync();
        Assert.That(Page.Url, Does.EndWith("?data=circles&seed=3"), "the view links keep the settings in the address");

        await Page.SetViewportSizeAsync(1600, 1000);
        var heatMap = await Page.Locator("#heatmap").BoundingBoxAsync();
        Assert.That(heatMap!.Width, Is.GreaterThan(320), "the boundary grows with the screen");
    }

    /// <summary>Finding 4. On a phone's 390 px no view scrolls the page sideways, Play is on the first screen, and the
    /// chart's tick labels are at least 10 px tall.</summary>
    [Test]
    public async Task OnAPhone_NothingScrollsSideways_PlayIsOnTheFirstScreen_AndTicksAreReadable()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await OpenAsync();
        var play = await Page.Locator("#play").BoundingBoxAsync();
        Assert.That(play!.Y + play.Height, Is.LessThanOrEqualTo(844), "Play on the first screen");
        await ScreenshotAsync("phone-390x844", fullPage: false);

        await Page.Locator("#step").ClickAsync();
        await Page.Locator("#tape-graph .tape-node").First.WaitForAsync();
        await Page.Locator("#surface-play").ClickAsync();
        await Page.Locator("#hand-x1").FillAsync("1e300");
        await Page.Locator("#hand-x1").PressAsync("Tab");
        await Expect(Page.Locator("#hand-steps")).ToContainTextAsync("1E+300");

        Assert.That(await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390),
            "the page is no wider than the phone");
        var tickHeights = await Page.Locator("#loss-chart text.tick").EvaluateAllAsync<double[]>("ticks => ticks.map(t => t.getBoundingClientRect().height)");
        Assert.That(tickHeights, Is.Not.Empty.And.All.GreaterThanOrEqualTo(10));
        var table = await Page.Locator("#surface-table").EvaluateAsync<bool>("table => table.scrollWidth <= table.parentElement.clientWidth + 1");
        Assert.That(table, Is.True, "the surfaces' table fits the phone, Final loss included");
    }

    /// <summary>Finding 5. The chain-rule table's last rows, the sum and the tape's gradient, are never hidden in a scroll box.</summary>
    [Test]
    public async Task TheChainRuleSum_AndTheTapesGradient_AreInSight()
    {
        await OpenAsync();
        await Page.Locator("#step").ClickAsync();
        await Page.Locator("#chain-rule-sum").WaitForAsync();

        var clipped = await Page.Locator("#chain-rule-gradient").EvaluateAsync<bool>(
            "cell => { const box = cell.closest('.chain-rule-scroll'); return box.scrollHeight > box.clientHeight + 1; }");
        Assert.That(clipped, Is.False, "the table's box shows all its rows");
    }

    /// <summary>Finding 6. Each racer has its own optimizer, learning rate and momentum (momentum 0.5 races 0.9), and both
    /// racers' readouts are named.</summary>
    [Test]
    public async Task Race_MomentumHalfAgainstNinePointNine_EachReadoutNamed()
    {
        await OpenAsync();
        await Page.Locator("#momentum").FillAsync("0.5");
        await Page.Locator("#momentum").PressAsync("Tab");
        await Page.Locator("#race").CheckAsync();
        await Page.Locator("#race-optimizer").SelectOptionAsync("MomentumPyTorch");
        await Page.Locator("#race-momentum").FillAsync("0.9");
        await Page.Locator("#race-momentum").PressAsync("Tab");
        await Page.Locator("#play").ClickAsync();
        await WaitForNumberAsync("#epoch", "x >= 3", TimeSpan.FromSeconds(60));
        await Page.Locator("#play").ClickAsync();

        var terms = await Page.Locator(".readout dt").AllTextContentsAsync();
        Assert.That(terms, Does.Contain("Test loss, momentum (PyTorch form), m 0.5"));
        Assert.That(terms, Does.Contain("Test loss, momentum (PyTorch form), m 0.9"));
        Assert.That(await NumberAsync("#race-test-loss"), Is.Not.EqualTo(await NumberAsync("#test-loss")));
    }

    /// <summary>Finding 7. The loss axis is labelled and can go logarithmic; a small loss reads in full; the boundary has
    /// axis ticks and a 100 × 100 grid.</summary>
    [Test]
    public async Task Charts_LabelTheirAxes_OfferALogScale_AndShowSmallLossesInFull()
    {
        await OpenAsync("?data=plane&layers=none&optimizer=momentumpytorch&lr=0.03");
        await Expect(Page.Locator("#loss-axis-title")).ToHaveTextAsync("loss");
        await Expect(Page.Locator("#boundary .x-ticks span")).ToHaveCountAsync(7);
        Assert.That(await Page.Locator("#heatmap").EvaluateAsync<int>("image => image.naturalWidth"), Is.EqualTo(100));

        await Page.Locator("#play").ClickAsync();
        await WaitUntilAsync("/e-/.test(document.querySelector('#test-loss').textContent)", TimeSpan.FromSeconds(90),
            async () => $"test loss reads {await Page.Locator("#test-loss").TextContentAsync()}");
        await Page.Locator("#play").ClickAsync();
        Assert.That(await Page.Locator("#test-loss").TextContentAsync(), Does.Match(@"^\d\.\d\d?e-\d+$"));

        await Page.Locator("#log-scale").CheckAsync();
        await Expect(Page.Locator("#loss-axis-title")).ToHaveTextAsync("loss (log scale)");
        var ticks = await Page.Locator("#loss-chart text.tick").AllTextContentsAsync();
        Assert.That(ticks, Does.Contain("0.001").And.Contain("0.01").And.Contain("0.1"), "ticks at the powers of ten");
    }

    /// <summary>Finding 8. Backprop by hand writes each sign once, never "+ -" or "−(-…)", and a huge input stays inside the section.</summary>
    [Test]
    public async Task BackpropByHand_ReadsLikeArithmetic_EvenForHugeInputs()
    {
        await OpenAsync();
        await Expect(Page.Locator("#hand-steps li.hand-step").First).ToContainTextAsync("0.5·1 − 0.25·2 + 0.1");
        await Expect(Page.Locator("#hand-steps")).ToContainTextAsync("e^−0.1");

        await Page.Locator("#hand-w1").FillAsync("-3");
        await Page.Locator("#hand-w1").PressAsync("Tab");
        var text = await Page.Locator("#hand-steps").TextContentAsync() ?? "";
        Assert.That(text, Does.Not.Contain("+ -").And.Not.Contain("−(-").And.Not.Contain("−(−"));

        await Page.Locator("#hand-x1").FillAsync("1e300");
        await Page.Locator("#hand-x1").PressAsync("Tab");
        await Expect(Page.Locator("#hand-steps")).ToContainTextAsync("1E+300");
        var overflow = await Page.Locator("#by-hand").EvaluateAsync<bool>("section => section.scrollWidth > section.clientWidth + 1");
        Assert.That(overflow, Is.False);
    }

    /// <summary>Finding 9. Every change is written into the address; opening that address in a fresh page shows the same
    /// settings and trains the same numbers.</summary>
    [Test]
    public async Task TheAddress_HoldsEverySetting_AndOpensTheSameRun()
    {
        await OpenAsync();
        await Page.Locator("#dataset").SelectOptionAsync("Spiral");
        await Page.Locator("#seed").FillAsync("5");
        await Page.Locator("#seed").PressAsync("Tab");
        await Page.Locator("#feature-SinX").CheckAsync();
        await Page.Locator("#l1").SelectOptionAsync("0.001");
        await Microsoft.Playwright.Assertions.Expect(Page).ToHaveURLAsync(new Regex("data=spiral.*seed=5.*features=x,y,sinx.*l1=0.001"));
        for (int step = 0; step < 3; step++) await Page.Locator("#step").ClickAsync();
        await Expect(Page.Locator("#step-count")).ToHaveTextAsync("3");
        string loss = await Page.Locator("#train-loss").TextContentAsync() ?? "";
        string link = Page.Url;

        await Page.GotoAsync(link);
        await Expect(Page.Locator("h1")).ToHaveTextAsync("MiniNet Playground", new() { Timeout = 60_000 });
        await Expect(Page.Locator("#dataset")).ToHaveValueAsync("Spiral");
        await Expect(Page.Locator("#seed")).ToHaveValueAsync("5");
        await Expect(Page.Locator("#feature-SinX")).ToBeCheckedAsync();
        await Expect(Page.Locator("#l1")).ToHaveValueAsync("0.001");
        for (int step = 0; step < 3; step++) await Page.Locator("#step").ClickAsync();
        await Expect(Page.Locator("#step-count")).ToHaveTextAsync("3");
        await Expect(Page.Locator("#train-loss")).ToHaveTextAsync(loss);
    }

    /// <summary>The drawn network: a heat map per neuron, a link per weight whose hover reads it and whose click edits it.</summary>
    [Test]
    public async Task TheNetwork_ShowsEachNeuronsMap_AndALinkCanBeReadAndEdited()
    {
        await OpenAsync();
        await Expect(Page.Locator("#network image.neuron")).ToHaveCountAsync(2 + 4 + 4 + 1);
        var link = Page.Locator("#network line.link[data-layer='0'][data-input='1'][data-unit='2']");

        await link.HoverAsync(new() { Force = true });
        await Expect(Page.Locator("#link-readout")).ToContainTextAsync("y → neuron 3 of hidden layer 1: w = ");
        await link.ClickAsync(new() { Force = true });
        await Page.Locator("#weight-edit").FillAsync("-2.5");
        await Page.Locator("#weight-edit").PressAsync("Tab");

        await Expect(link).ToHaveAttributeAsync("data-weight", "-2.5");
        await Expect(link).ToHaveClassAsync(new Regex("negative"));
    }

    private async Task TrainBrieflyAsync()
    {
        if (await Page.Locator("#step").IsEnabledAsync())
        {
            await Page.Locator("#step").ClickAsync();
            await Page.Locator("#play").ClickAsync();
            await Page.WaitForTimeoutAsync(300);
            await Page.Locator("#play").ClickAsync();
        }
        await ExpectNoErrorBarAsync();
    }

    private async Task ExpectNoErrorBarAsync() => await Expect(Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();

    private async Task<(string Fill, string Stroke)> StyleAsync(string selector)
    {
        var style = await Page.Locator(selector).First.EvaluateAsync<string[]>("e => { const s = getComputedStyle(e); return [s.fill, s.stroke]; }");
        return (style[0], style[1]);
    }

    // Relative luminance (WCAG) of "rgb(r, g, b)".
    private static double Luminance(string rgb)
    {
        var channels = Regex.Matches(rgb, @"\d+").Select(match => int.Parse(match.Value) / 255.0)
            .Select(c => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    }
}
