import { expect, type Locator, type Page } from "@playwright/test";

type Point = { x: number; y: number };

async function centre(locator: Locator): Promise<Point> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`not visible: ${locator}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * A pointer drag a person makes: press, move in steps (React Flow needs the moves), release.
 * React Flow starts a node drag only once the pointer has moved and ignores that first move, so
 * a short nudge comes first and the node ends where it was dropped, give or take a pixel.
 */
async function drag(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 1, from.y + 1);
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

/** The editor's canvas, driven with the mouse and keyboard only. */
export class Canvas {
  readonly pane: Locator;

  constructor(private readonly page: Page) {
    this.pane = page.getByTestId("flow-canvas").locator(".react-flow__pane");
  }

  node(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  edge(source: string, target: string): Locator {
    return this.page.locator(`.react-flow__edge[aria-label="Edge from ${source} to ${target}"]`);
  }

  /** The zoom the canvas shows now (React Flow keeps it in the viewport's transform). */
  async zoom(): Promise<number> {
    return this.page.locator(".react-flow__viewport").evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
  }

  async zoomOut(times: number): Promise<void> {
    const button = this.page.locator(".react-flow__controls-zoomout");
    for (let i = 0; i < times; i++) await button.click();
  }

  /**
   * Makes room for `columns` columns left to right: zooms out, moves the trigger to the left edge,
   * and returns where a drop lands in column `i` (0 is the trigger's), `dy` off the middle.
   */
  async columns(columns: number): Promise<(i: number, dy?: number) => Point> {
    await this.zoomOut(2);
    const zoom = await this.zoom();
    const pane = (await this.pane.boundingBox())!;
    const step = (pane.width - 60) / columns;
    const middle = pane.height / 2;
    const trigger = (await this.node("trigger").boundingBox())!;
    await this.moveNode("trigger", { x: pane.x + 30, y: trigger.y });
    // A drop puts the node's middle (120, 40 flow units in) under the pointer.
    return (i, dy = 0) => ({ x: 30 + i * step + 120 * zoom, y: middle - 20 + dy });
  }

  /** Drags a node by its header so its top-left corner lands at `to` (page coordinates). */
  async moveNode(id: string, to: Point): Promise<void> {
    const box = (await this.node(id).boundingBox())!;
    const grab = { x: box.x + box.width / 2, y: box.y + 12 };
    await drag(this.page, grab, { x: to.x + box.width / 2, y: to.y + 12 });
    await expect.poll(async () => Math.abs((await this.node(id).boundingBox())!.x - to.x)).toBeLessThan(8);
  }

  /**
   * Drags a node type from the palette onto the pane at `at` (relative to the pane) and returns
   * the new node's id. The dropped node is selected, so the inspector shows it.
   */
  async drop(type: string, at: Point): Promise<string> {
    const ids = () => this.page.locator(".react-flow__node").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-id")!));
    const before = new Set(await ids());
    await this.page.getByTestId(`palette-item-${type}`).dragTo(this.pane, { targetPosition: at });
    await expect(this.page.locator(".react-flow__node")).toHaveCount(before.size + 1);
    const id = (await ids()).find((candidate) => !before.has(candidate))!;
    await expect(this.page.getByTestId(`flow-node-${id}`)).toHaveAttribute("data-type", type);
    await expect(this.page.getByTestId("inspector-node-id")).toHaveText(id);
    return id;
  }

  /** Connects an output port of `source` to the input of `target` by dragging between the handles. */
  async connect(source: string, port: string, target: string): Promise<void> {
    const from = this.node(source).locator(`.react-flow__handle[data-handleid="${port}"]`);
    const to = this.node(target).locator(".react-flow__handle.target");
    await drag(this.page, await centre(from), await centre(to));
    await expect(this.edge(source, target)).toHaveCount(1);
  }

  /** Clicks empty canvas, which clears the selection. */
  async clickEmpty(): Promise<void> {
    await this.pane.click({ position: { x: 12, y: 12 } });
  }
}
