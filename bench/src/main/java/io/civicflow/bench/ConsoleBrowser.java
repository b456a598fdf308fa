package io.civicflow.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The console in Debian's Chromium, as the browser benchmarks drive it. */
final class ConsoleBrowser {

  private ConsoleBrowser() {}

  /** Playwright without its own browser download (the system's Chromium is used). */
  static Playwright playwright() {
    return Playwright.create(
        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /** A 1440×900 page of the console at {@code base}, after logging in as {@code user}. */
  static Page loggedIn(
      Playwright playwright, Path chromium, String base, String user, String password) {
    Browser browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--headless", "--disable-gpu")));
    Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1440, 900));
    page.setDefaultTimeout(120_000);
    page.navigate(base);
    page.getByLabel("用户名").fill(user);
    page.getByLabel("密码").fill(password);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
    return page;
  }
}
